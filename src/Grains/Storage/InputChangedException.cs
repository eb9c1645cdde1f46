namespace OrleansProc.Grains.Storage;

/// <summary>
/// A read of a job's input pinned to the planned ETag (see <see cref="InputSnapshot"/>) found the blob changed or gone:
/// names the dataset and the blob, for <see cref="InputSnapshot.ChangedError"/>. Thrown where the read knows which
/// dataset it reads (a broadcast table of a join), far from where the job's error is written.
/// </summary>
public sealed class InputChangedException : Exception
{
    public InputChangedException()
        : this("?", "?", null)
    {
    }

    public InputChangedException(string message)
        : base(message)
    {
        Dataset = "?";
        Blob = "?";
    }

    public InputChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Dataset = "?";
        Blob = "?";
    }

    /// <param name="dataset">The dataset whose blob changed.</param>
    /// <param name="blob">The blob, as planned.</param>
    /// <param name="innerException">The failed read (412, 404 or 416).</param>
    public InputChangedException(string dataset, string blob, Exception? innerException)
        : base($"dataset {dataset} changed: blob {blob} is no longer the version planned", innerException)
    {
        Dataset = dataset;
        Blob = blob;
    }

    /// <summary>The dataset whose blob changed.</summary>
    public string Dataset { get; }

    /// <summary>The blob that changed.</summary>
    public string Blob { get; }

    /// <summary>The <see cref="InputChangedException"/> in <paramref name="exception"/> or its inner exceptions, or null.</summary>
    public static InputChangedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InputChangedException changed:
                    return changed;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Select(Find).FirstOrDefault(c => c is not null);
            }
        }

        return null;
    }
}
