using System.Text;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>Splits query text into tokens on demand, from any position. Skips white space and comments.</summary>
public sealed class SqlLexer
{
    private readonly string _text;

    public SqlLexer(string text)
    {
        _text = text;
    }

    /// <summary>The token that starts at or after <paramref name="position"/> (after white space and comments).</summary>
    public Token Next(int position)
    {
        var p = SkipTrivia(position);
        if (p >= _text.Length)
        {
            return new Token(TokenKind.End, _text.Length, _text.Length, string.Empty);
        }

        var c = _text[p];
        switch (c)
        {
            case '(':
                return Single(TokenKind.LeftParen, p);
            case ')':
                return Single(TokenKind.RightParen, p);
            case ',':
                return Single(TokenKind.Comma, p);
            case ';':
                return Single(TokenKind.Semicolon, p);
            case '*':
                return Single(TokenKind.Star, p);
            case '+':
                return Single(TokenKind.Plus, p);
            case '-':
                if (Peek(p + 1) == '>')
                {
                    return Peek(p + 2) == '>' ? new Token(TokenKind.LongArrow, p, p + 3, "->>") : Double(TokenKind.Arrow, p);
                }

                return Single(TokenKind.Minus, p);
            case '/':
                return Peek(p + 1) == '/' ? Double(TokenKind.DoubleSlash, p) : Single(TokenKind.Slash, p);
            case '|':
                if (Peek(p + 1) == '|')
                {
                    return Double(TokenKind.Concat, p);
                }

                break;
            case '%':
                return Single(TokenKind.Percent, p);
            case '=':
                return Peek(p + 1) == '=' ? Double(TokenKind.Equal, p) : Single(TokenKind.Equal, p);
            case '<':
                return Peek(p + 1) switch
                {
                    '=' => Double(TokenKind.LessEqual, p),
                    '>' => Double(TokenKind.NotEqual, p),
                    _ => Single(TokenKind.Less, p),
                };
            case '>':
                return Peek(p + 1) == '=' ? Double(TokenKind.GreaterEqual, p) : Single(TokenKind.Greater, p);
            case '!':
                if (Peek(p + 1) == '=')
                {
                    return Double(TokenKind.NotEqual, p);
                }

                break;
            case ':':
                if (Peek(p + 1) == ':')
                {
                    return Double(TokenKind.DoubleColon, p);
                }

                break;
            case '\'':
                return Quoted(p, '\'', TokenKind.String, "string literal");
            case '"':
                return Quoted(p, '"', TokenKind.QuotedIdentifier, "quoted identifier");
            case '.':
                if (IsDigit(Peek(p + 1)))
                {
                    return Number(p);
                }

                return Single(TokenKind.Dot, p);
            default:
                if (IsDigit(c))
                {
                    return Number(p);
                }

                if (IsIdentifierStart(c))
                {
                    var e = p + 1;
                    while (e < _text.Length && IsIdentifierPart(_text[e]))
                    {
                        e++;
                    }

                    return new Token(TokenKind.Identifier, p, e, _text[p..e]);
                }

                break;
        }

        throw Error(p, $"unexpected character '{Printable(c)}'");
    }

    internal static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    internal static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private char Peek(int p) => p < _text.Length ? _text[p] : '\0';

    private Token Single(TokenKind kind, int p) => new(kind, p, p + 1, _text.Substring(p, 1));

    private Token Double(TokenKind kind, int p) => new(kind, p, p + 2, _text.Substring(p, 2));

    private int SkipTrivia(int p)
    {
        while (p < _text.Length)
        {
            var c = _text[p];
            if (char.IsWhiteSpace(c))
            {
                p++;
            }
            else if (c == '-' && Peek(p + 1) == '-')
            {
                while (p < _text.Length && _text[p] != '\n')
                {
                    p++;
                }
            }
            else if (c == '/' && Peek(p + 1) == '*')
            {
                var end = _text.IndexOf("*/", p + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(p, "unterminated comment");
                }

                p = end + 2;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    private Token Quoted(int start, char quote, TokenKind kind, string what)
    {
        StringBuilder? sb = null;
        var p = start + 1;
        var segment = p;
        while (true)
        {
            var q = _text.IndexOf(quote, p);
            if (q < 0)
            {
                throw Error(start, $"unterminated {what}");
            }

            if (q + 1 < _text.Length && _text[q + 1] == quote)
            {
                sb ??= new StringBuilder();
                sb.Append(_text, segment, q + 1 - segment);
                p = q + 2;
                segment = p;
                continue;
            }

            string value;
            if (sb is null)
            {
                value = _text[segment..q];
            }
            else
            {
                sb.Append(_text, segment, q - segment);
                value = sb.ToString();
            }

            if (kind == TokenKind.QuotedIdentifier && value.Length == 0)
            {
                throw Error(start, "empty quoted identifier");
            }

            return new Token(kind, start, q + 1, value);
        }
    }

    private Token Number(int start)
    {
        var p = start;
        var isDecimal = false;
        while (p < _text.Length && IsDigit(_text[p]))
        {
            p++;
        }

        if (p < _text.Length && _text[p] == '.')
        {
            isDecimal = true;
            p++;
            while (p < _text.Length && IsDigit(_text[p]))
            {
                p++;
            }
        }

        if (p < _text.Length && (_text[p] == 'e' || _text[p] == 'E'))
        {
            var e = p + 1;
            if (e < _text.Length && (_text[e] == '+' || _text[e] == '-'))
            {
                e++;
            }

            if (e >= _text.Length || !IsDigit(_text[e]))
            {
                throw Error(start, $"malformed number '{SourceLocation.Quote(_text[start..Math.Min(e, _text.Length)])}': the exponent has no digits");
            }

            while (e < _text.Length && IsDigit(_text[e]))
            {
                e++;
            }

            isDecimal = true;
            p = e;
        }

        return new Token(isDecimal ? TokenKind.Decimal : TokenKind.Integer, start, p, _text[start..p]);
    }

    private QueryException Error(int position, string why) =>
        new($"syntax error at {SourceLocation.Describe(_text, position)}: {why}", position);
}
