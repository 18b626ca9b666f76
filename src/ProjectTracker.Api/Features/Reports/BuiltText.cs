using System.Buffers;
using System.Text;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// UTF-8 text written out from the pieces it was built in, never made one string first: a weekly report's page is
/// megabytes, and a string of it beside its builder doubled what the request held. Sent with its length, as a string is.</summary>
public sealed class BuiltText(StringBuilder text, string contentType, bool byteOrderMark = false)
    : IResult, IContentTypeHttpResult, IStatusCodeHttpResult
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string ContentType => contentType;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var preamble = byteOrderMark ? Encoding.UTF8.Preamble.ToArray() : [];
        // One encoder across the pieces: a piece may end between the two halves of a surrogate pair.
        var counter = Utf8.GetEncoder();
        long length = preamble.Length;
        foreach (var piece in text.GetChunks())
        {
            length += counter.GetByteCount(piece.Span, flush: false);
        }

        length += counter.GetByteCount([], flush: true);

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = length;
        var body = response.BodyWriter;
        body.Write(preamble);
        var encoder = Utf8.GetEncoder();
        foreach (var piece in text.GetChunks())
        {
            encoder.Convert(piece.Span, body, flush: false, out _, out _);
            await body.FlushAsync(httpContext.RequestAborted);
        }

        encoder.Convert([], body, flush: true, out _, out _);
        await body.FlushAsync(httpContext.RequestAborted);
    }
}
