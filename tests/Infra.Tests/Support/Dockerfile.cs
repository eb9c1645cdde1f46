using OrleansProc.TestSupport;

namespace OrleansProc.Infra.Tests.Support;

/// <summary>A Dockerfile read into stages: comments dropped, continued lines (ending in '\') joined.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage Final => Stages[^1];

    public static Dockerfile Load(string relative)
    {
        var logical = new List<string>();
        var current = string.Empty;
        foreach (var raw in File.ReadAllLines(Path.Combine(RepositoryRoot.Path, relative)))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            logical.Add((current + line).Trim());
            current = string.Empty;
        }

        var stages = new List<DockerfileStage>();
        foreach (var instruction in logical.Where(l => l.Length > 0).Select(Split))
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new DockerfileStage(words[0], name, []));
            }
            else if (stages.Count > 0)
            {
                var last = stages[^1];
                stages[^1] = last with { Instructions = [.. last.Instructions, instruction] };
            }
        }

        return new Dockerfile(stages);
    }

    private static DockerfileInstruction Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? new DockerfileInstruction(line.ToUpperInvariant(), string.Empty)
            : new DockerfileInstruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }
}
