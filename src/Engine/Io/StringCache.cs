using System.Text;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Reuses the strings of short, often repeated values (countries, categories) so a scan does not allocate a new
/// string per record for them. A small direct-mapped table keyed by the bytes; a column whose values rarely repeat
/// turns the cache off for itself after a trial period.
/// </summary>
internal sealed class StringCache
{
    private const int Slots = 1024;
    private const int MaxLength = 32;
    private const int TrialLookups = 4096;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string?[Slots];
    private long _lookups;
    private long _hits;
    private bool _disabled;
    private bool _trialDone;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_disabled || utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = (int)((uint)Hash(utf8) % Slots);
        var key = _keys[slot];
        _lookups++;
        if (key is not null && utf8.SequenceEqual(key))
        {
            _hits++;
            return _values[slot]!;
        }

        if (!_trialDone && _lookups >= TrialLookups)
        {
            _trialDone = true;
            _disabled = _hits * 2 < _lookups;
        }

        var text = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = text;
        return text;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var h = 2166136261u;
        foreach (var b in utf8)
        {
            h = (h ^ b) * 16777619u;
        }

        return (int)h;
    }
}
