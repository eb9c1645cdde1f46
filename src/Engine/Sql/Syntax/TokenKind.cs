namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>The kinds of tokens of the SQL subset.</summary>
public enum TokenKind : byte
{
    End = 0,
    Identifier,
    QuotedIdentifier,
    String,
    Integer,
    Decimal,
    LeftParen,
    RightParen,
    Comma,
    Semicolon,
    Star,
    Plus,
    Minus,
    Slash,
    Percent,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    DoubleColon,
    Dot,
    Concat,
    DoubleSlash,

    /// <summary><c>-&gt;</c>: JSON_EXTRACT.</summary>
    Arrow,

    /// <summary><c>-&gt;&gt;</c>: JSON_EXTRACT_STRING.</summary>
    LongArrow,
}
