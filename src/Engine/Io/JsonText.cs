using System.Buffers;
using System.Text;

namespace OrleansProc.Engine.Io;

/// <summary>The text of a JSON value as DuckDB prints its JSON type: minified, white space outside strings dropped.</summary>
internal static class JsonText
{
    private static readonly SearchValues<byte> s_space = SearchValues.Create(" \t\r\n"u8);

    /// <summary>The UTF-8 JSON <paramref name="json"/> without its white space outside strings, as a string.</summary>
    public static string Minify(ReadOnlySpan<byte> json)
    {
        if (!json.ContainsAny(s_space))
        {
            return Encoding.UTF8.GetString(json);
        }

        var rented = ArrayPool<byte>.Shared.Rent(json.Length);
        try
        {
            var length = 0;
            var inString = false;
            var escaped = false;
            foreach (var b in json)
            {
                if (inString)
                {
                    inString = escaped || b != '"';
                    escaped = !escaped && b == '\\';
                }
                else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    continue;
                }
                else
                {
                    inString = b == '"';
                }

                rented[length++] = b;
            }

            return Encoding.UTF8.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
