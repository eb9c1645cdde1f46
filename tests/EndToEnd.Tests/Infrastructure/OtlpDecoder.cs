namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads the parts of OTLP export requests (opentelemetry-proto's ExportTraceServiceRequest and
/// ExportMetricsServiceRequest) the tests check: spans with their ids, and integer sums, each with the sender's
/// service resource.
/// </summary>
public static class OtlpDecoder
{
    // field numbers in opentelemetry/proto/{trace,metrics,resource,common}/v1
    private const int ResourceData = 1; // ExportXServiceRequest.resource_spans / resource_metrics
    private const int Resource = 1; // ResourceSpans.resource, ResourceMetrics.resource
    private const int ScopeData = 2; // ResourceSpans.scope_spans, ResourceMetrics.scope_metrics
    private const int Items = 2; // ScopeSpans.spans, ScopeMetrics.metrics
    private const int Attributes = 1; // Resource.attributes

    public static IEnumerable<OtlpSpan> Spans(OtlpPost post) =>
        from resource in Protobuf.Children(post.Body, ResourceData)
        let service = ResourceAttribute(resource, "service.name")
        from scope in Protobuf.Children(resource, ScopeData)
        from span in Protobuf.Children(scope, Items)
        let fields = Protobuf.Fields(span)
        select new OtlpSpan(service, Hex(fields, 1), Hex(fields, 2), Hex(fields, 4), fields.FirstOrDefault(f => f.Number == 5).Text);

    /// <summary>The sums (counters, up-down counters) of integers, each summed over its data points.</summary>
    public static IEnumerable<OtlpSum> Sums(OtlpPost post) =>
        from resource in Protobuf.Children(post.Body, ResourceData)
        let instance = ResourceAttribute(resource, "service.instance.id")
        from scope in Protobuf.Children(resource, ScopeData)
        from metric in Protobuf.Children(scope, Items)
        let fields = Protobuf.Fields(metric)
        from sum in fields.Where(f => f.Number == 7) // Metric.sum
        select new OtlpSum(
            instance,
            fields.First(f => f.Number == 1).Text, // Metric.name
            Protobuf.Children(sum.Bytes, 1) // Sum.data_points
                .Sum(point => (long)Protobuf.Fields(point).FirstOrDefault(f => f.Number == 6).Value)); // NumberDataPoint.as_int

    private static string Hex(IReadOnlyList<ProtobufField> fields, int number) => fields.FirstOrDefault(f => f.Number == number).Hex;

    private static string ResourceAttribute(ReadOnlyMemory<byte> resourceData, string key) =>
        (from resource in Protobuf.Children(resourceData, Resource)
         from attribute in Protobuf.Children(resource, Attributes)
         let pair = Protobuf.Fields(attribute) // KeyValue: key 1, value 2
         where pair.Any(f => f.Number == 1 && f.Text == key)
         from value in Protobuf.Children(pair.First(f => f.Number == 2).Bytes, 1) // AnyValue.string_value
         select System.Text.Encoding.UTF8.GetString(value.Span)).FirstOrDefault() ?? string.Empty;
}
