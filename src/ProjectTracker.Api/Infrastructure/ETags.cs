using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ProjectTracker.Api.Infrastructure;

public static class ETags
{
    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = Format(version);

    public static string Format(long version) =>
        new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();

    public static long? ExpectedVersion(this HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "*")
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList([raw], out var tags) || tags.Count != 1
            || !long.TryParse(tags[0].Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new BadInputException("If-Match", "If-Match names one version as its ETag, e.g. \"3\".");
        }

        // If-Match compares strongly (RFC 9110 13.1.1): a weak tag never matches.
        return tags[0].IsWeak ? throw new PreconditionFailedException() : version;
    }
}
