using OrleansProc.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OrleansProc.Infra.Tests.Support;

/// <summary>Loads the repository's YAML files, with merge keys (&lt;&lt;: *anchor) resolved as compose resolves them.</summary>
public static class YamlFiles
{
    private static readonly IDeserializer s_deserializer = new DeserializerBuilder().Build();

    public static string PathOf(string relative) => Path.Combine(RepositoryRoot.Path, relative);

    /// <summary>The one document of a file.</summary>
    public static YamlNode Load(string relative) => LoadAll(relative).Single();

    /// <summary>Every document of a file (Kubernetes manifests hold several, separated by ---).</summary>
    public static IReadOnlyList<YamlNode> LoadAll(string relative)
    {
        using var reader = new StreamReader(PathOf(relative));
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<YamlNode>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = s_deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                documents.Add(new YamlNode(document, $"{relative}#{documents.Count}"));
            }
        }

        return documents;
    }
}
