namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>
/// One token: its kind, where it is in the query text, and its value (the decoded text of strings and quoted
/// identifiers, the raw text otherwise).
/// </summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, string Value);
