using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>A span as the app exported it; ids in lower-case hex, parent empty for a root.</summary>
public sealed record OtlpSpan(
    string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<(string TraceId, string SpanId)> Links)
{
    public const int Server = 2;
}

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver (http/protobuf) on a loopback port: keeps every span and the names of
/// the metrics it is sent. Decoded with the wire format alone (no OTLP package is served): only the fields read here.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication server;
    private readonly ConcurrentQueue<OtlpSpan> spans = new();
    private readonly ConcurrentDictionary<string, int> metrics = new(StringComparer.Ordinal);

    private OtlpCollector(WebApplication server) => this.server = server;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<OtlpSpan> Spans => [.. spans];

    public IReadOnlyCollection<string> MetricNames => [.. metrics.Keys];

    public static async Task<OtlpCollector> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Not "Microsoft.AspNetCore": the app's tracer, in this same process, would trace each export it receives.
        builder.Services.Replace(ServiceDescriptor.Singleton(new ActivitySource("OtlpCollector")));
        var collector = new OtlpCollector(builder.Build());
        collector.server.MapPost("/v1/traces", async (HttpRequest request) => collector.ReadSpans(await Body(request)));
        collector.server.MapPost("/v1/metrics", async (HttpRequest request) => collector.ReadMetrics(await Body(request)));
        collector.server.MapPost("/v1/logs", () => Empty());
        await collector.server.StartAsync();
        collector.Endpoint = collector.server.Urls.Single();
        return collector;
    }

    /// <summary>A span and its ancestors in its trace, nearest first, as far as they have arrived.</summary>
    public IEnumerable<OtlpSpan> AncestorsOf(OtlpSpan span)
    {
        var all = Spans.Where(s => s.TraceId == span.TraceId).ToDictionary(s => s.SpanId);
        for (var at = span; all.TryGetValue(at.ParentSpanId, out var parent); at = parent)
        {
            yield return parent;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
    }

    private static async Task<byte[]> Body(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    // An empty Export*ServiceResponse: everything accepted.
    private static IResult Empty() => Results.Bytes([], "application/x-protobuf");

    // ExportTraceServiceRequest: 1 resource_spans { 2 scope_spans { 1 scope { 1 name }, 2 spans } }.
    private IResult ReadSpans(byte[] body)
    {
        foreach (var resource in Wire.Messages(body, 1))
        {
            foreach (var scopeSpans in Wire.Messages(resource, 2))
            {
                var scope = Wire.Messages(scopeSpans, 1).Select(s => Wire.String(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Wire.Messages(scopeSpans, 2))
                {
                    spans.Enqueue(Span(scope, span));
                }
            }
        }

        return Empty();
    }

    // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes, 13 links { 1 trace_id, 2 span_id }.
    private static OtlpSpan Span(string scope, byte[] span) => new(
        scope,
        Wire.Hex(span, 1),
        Wire.Hex(span, 2),
        Wire.Hex(span, 4),
        Wire.String(span, 5) ?? "",
        (int)Wire.Varints(span, 6).FirstOrDefault(),
        // The SDK exports a tag added twice twice: the last one stands, as in most backends.
        Wire.Messages(span, 9)
            .Select(kv => (Key: Wire.String(kv, 1) ?? "", Value: Wire.Messages(kv, 2).Select(AnyValue).FirstOrDefault() ?? ""))
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value),
        [.. Wire.Messages(span, 13).Select(link => (Wire.Hex(link, 1), Wire.Hex(link, 2)))]);

    // AnyValue: 1 string_value, 2 bool_value, 3 int_value.
    private static string? AnyValue(byte[] value) =>
        Wire.String(value, 1)
        ?? Wire.Varints(value, 3).Select(v => ((long)v).ToString(CultureInfo.InvariantCulture)).FirstOrDefault()
        ?? Wire.Varints(value, 2).Select(v => v != 0 ? "true" : "false").FirstOrDefault();

    // ExportMetricsServiceRequest: 1 resource_metrics { 2 scope_metrics { 2 metrics { 1 name } } }.
    private IResult ReadMetrics(byte[] body)
    {
        foreach (var metric in Wire.Messages(body, 1).SelectMany(r => Wire.Messages(r, 2)).SelectMany(s => Wire.Messages(s, 2)))
        {
            metrics.AddOrUpdate(Wire.String(metric, 1) ?? "", 1, (_, n) => n + 1);
        }

        return Empty();
    }

    /// <summary>The protocol buffers wire format: varints, fixed 32/64-bit values and length-delimited fields.</summary>
    private static class Wire
    {
        private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

        public static IEnumerable<byte[]> Messages(byte[] message, int field) =>
            Fields(message).Where(f => f.Field == field && f.WireType == LengthDelimited).Select(f => f.Bytes!);

        public static IEnumerable<ulong> Varints(byte[] message, int field) =>
            Fields(message).Where(f => f.Field == field && f.WireType == Varint).Select(f => f.Value);

        public static string? String(byte[] message, int field) => Messages(message, field).Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault();

        public static string Hex(byte[] message, int field) => Messages(message, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";

        private static List<(int Field, int WireType, ulong Value, byte[]? Bytes)> Fields(byte[] message)
        {
            var fields = new List<(int, int, ulong, byte[]?)>();
            var at = 0;
            while (at < message.Length)
            {
                var key = ReadVarint(message, ref at);
                int field = (int)(key >> 3), wireType = (int)(key & 7);
                switch (wireType)
                {
                    case Varint:
                        fields.Add((field, wireType, ReadVarint(message, ref at), null));
                        break;
                    case Fixed64:
                        fields.Add((field, wireType, BitConverter.ToUInt64(message, at), null));
                        at += 8;
                        break;
                    case LengthDelimited:
                        var length = (int)ReadVarint(message, ref at);
                        fields.Add((field, wireType, 0, message[at..(at + length)]));
                        at += length;
                        break;
                    case Fixed32:
                        fields.Add((field, wireType, BitConverter.ToUInt32(message, at), null));
                        at += 4;
                        break;
                    default:
                        throw new InvalidDataException($"Wire type {wireType} at byte {at} is not one OTLP uses.");
                }
            }

            return fields;
        }

        private static ulong ReadVarint(byte[] message, ref int at)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = message[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}
