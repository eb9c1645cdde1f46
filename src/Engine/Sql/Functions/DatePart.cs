namespace OrleansProc.Engine.Sql.Functions;

/// <summary>A part of a date or timestamp, as DATE_PART, EXTRACT, DATE_TRUNC and DATE_DIFF name it.</summary>
internal enum DatePart
{
    Microsecond,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    DayOfWeek,
    IsoDayOfWeek,
    DayOfYear,
    Week,
    Month,
    Quarter,
    Year,
    IsoYear,
    YearWeek,
    Decade,
    Century,
    Millennium,
    Era,
    Epoch,
}
