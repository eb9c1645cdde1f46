using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Reads the bytes a ParquetSharp <c>ByteArray</c> points to in place, as a span over the native page, instead of
/// copying them into a managed buffer first (the Engine has no unsafe code: the span starts at a byref made from the
/// address, which the GC ignores as it points outside the managed heap).
/// </summary>
internal static class NativeBytes
{
    /// <summary>The <paramref name="length"/> bytes at <paramref name="pointer"/>, valid while the page they live in is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Of(nint pointer, int length) =>
        length == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), (nuint)pointer), length);
}
