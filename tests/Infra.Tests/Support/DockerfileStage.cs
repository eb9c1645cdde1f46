namespace OrleansProc.Infra.Tests.Support;

/// <summary>One build stage: FROM image [AS name] and the instructions after it.</summary>
public sealed record DockerfileStage(string Image, string? Name, IReadOnlyList<DockerfileInstruction> Instructions)
{
    public string? Tag => ImageReference.TagOf(Image);

    public string Repository => ImageReference.RepositoryOf(Image);

    public IEnumerable<string> ArgumentsOf(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
}
