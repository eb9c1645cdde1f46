using System.Xml.Linq;
using OrleansProc.TestSupport;

namespace OrleansProc.Infra.Tests.Support;

/// <summary>The projects a project needs to build: itself and its ProjectReferences, transitively, as repository-relative folders.</summary>
public static class ProjectGraph
{
    /// <param name="project">A repository-relative .csproj path, e.g. src/Silo/Silo.csproj.</param>
    /// <returns>Repository-relative .csproj paths with '/' separators, the project first.</returns>
    public static IReadOnlyList<string> Closure(string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(Path.Combine(RepositoryRoot.Path, project))]);
        while (pending.TryPop(out var path))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, path).Replace(Path.DirectorySeparatorChar, '/');
            if (seen.Contains(relative))
            {
                continue;
            }

            seen.Add(relative);
            var folder = Path.GetDirectoryName(path)!;
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(folder, include)));
            }
        }

        return seen;
    }
}
