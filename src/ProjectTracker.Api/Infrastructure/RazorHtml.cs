using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProjectTracker.Api.Infrastructure;

public static class RazorHtml
{
    private static readonly IServiceProvider Services = new EncoderOnly();

    public static string Render<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        // One per document, as a renderer keeps every component until disposed; nothing else holds its dispatcher, so the
        // render runs inline and the task is already complete.
        using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        return renderer.Dispatcher
            .InvokeAsync(() => renderer.BeginRenderingComponent<TComponent>(ParameterView.FromDictionary(parameters)).ToHtmlString())
            .GetAwaiter()
            .GetResult();
    }

    private sealed class EncoderOnly : IServiceProvider
    {
        private readonly WebUtilityHtmlEncoder encoder = new();

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? encoder : null;
    }

    // The default encoder writes every non-ASCII character (all the Chinese) as &#x…;: this one is WebUtility.HtmlEncode.
    private sealed class WebUtilityHtmlEncoder : HtmlEncoder
    {
        public override int MaxOutputCharactersPerInputCharacter => "&#1114111;".Length;

        public override string Encode(string value) => WebUtility.HtmlEncode(value);

        public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
            WebUtility.HtmlEncode(value.Substring(startIndex, characterCount), output);

        public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
            WebUtility.HtmlEncode(new string(value, startIndex, characterCount), output);

        public override bool WillEncode(int unicodeScalar) =>
            unicodeScalar is '<' or '>' or '"' or '\'' or '&' or (>= 160 and < 256) or > char.MaxValue;

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
        {
            for (var i = 0; i < textLength; i++)
            {
                if (WillEncode(text[i]) || char.IsSurrogate(text[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            var encoded = WebUtility.HtmlEncode(char.ConvertFromUtf32(unicodeScalar));
            numberOfCharactersWritten = encoded.Length <= bufferLength ? encoded.Length : 0;
            return encoded.AsSpan().TryCopyTo(new Span<char>(buffer, bufferLength));
        }
    }
}
