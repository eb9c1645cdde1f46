using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Io;

namespace OrleansProc.Grains.Jobs;

/// <summary>Maps the wire's <see cref="SliceSpec"/> (Contracts) to and from the Engine's <see cref="InputSlice"/>.</summary>
public static class SliceSpecs
{
    public static InputSlice ToInput(SliceSpec slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return new InputSlice(slice.BlobName, slice.RangeStart, slice.RangeEnd, slice.Gzip) 
        {
            StartsInsideQuotes = slice.StartsInsideQuotes,
            StartsInUnquotedField = slice.StartsInUnquotedField,
        };
    }

    public static SliceSpec FromInput(InputSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return new SliceSpec
        {
            BlobName = slice.BlobName,
            RangeStart = slice.RangeStart,
            RangeEnd = slice.RangeEnd,
            Gzip = slice.Gzip,
            StartsInsideQuotes = slice.StartsInsideQuotes,
            StartsInUnquotedField = slice.StartsInUnquotedField,
        };
    }
}
