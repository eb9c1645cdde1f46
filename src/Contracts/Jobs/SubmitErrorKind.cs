namespace OrleansProc.Contracts.Jobs;

/// <summary>Why a job was not accepted.</summary>
[GenerateSerializer]
[Alias("OrleansProc.SubmitErrorKind")]
public enum SubmitErrorKind
{
    None = 0,

    /// <summary>The query does not parse, names an unknown column, or does not type-check.</summary>
    BadQuery = 1,

    /// <summary>The dataset named does not exist.</summary>
    UnknownDataset = 2,

    /// <summary>Anything else wrong with the request (bad name, bad option, a job of that id exists).</summary>
    BadRequest = 3,
}
