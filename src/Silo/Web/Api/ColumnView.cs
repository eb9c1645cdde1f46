namespace OrleansProc.Silo.Web.Api;

/// <summary>A result column: its name and SQL type (numbers are right-aligned on the page).</summary>
public sealed record ColumnView(string Name, string Type);
