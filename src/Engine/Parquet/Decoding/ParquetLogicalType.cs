namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// A schema element's logical type, from its <c>logicalType</c> union or, in files of older writers, derived from
/// its <c>converted_type</c> as Arrow's <c>LogicalType::FromConvertedType</c> does.
/// </summary>
/// <param name="Kind">The member of parquet.thrift's <c>LogicalType</c> union (<see cref="None"/> when there is none).</param>
/// <param name="Scale">DECIMAL's scale.</param>
/// <param name="Precision">DECIMAL's precision.</param>
/// <param name="Unit">TIME's and TIMESTAMP's unit: <see cref="Millis"/>, <see cref="Micros"/> or <see cref="Nanos"/>.</param>
/// <param name="BitWidth">INTEGER's width in bits.</param>
/// <param name="IsSigned">INTEGER's signedness.</param>
internal readonly record struct ParquetLogicalType(int Kind, int Scale = 0, int Precision = 0, int Unit = 0, int BitWidth = 0, bool IsSigned = true)
{
    /// <summary>No logical type.</summary>
    public const int None = 0;

    /// <summary>STRING (UTF8).</summary>
    public const int String = 1;

    /// <summary>MAP.</summary>
    public const int Map = 2;

    /// <summary>LIST.</summary>
    public const int List = 3;

    /// <summary>ENUM.</summary>
    public const int Enum = 4;

    /// <summary>DECIMAL(scale, precision).</summary>
    public const int Decimal = 5;

    /// <summary>DATE.</summary>
    public const int Date = 6;

    /// <summary>TIME(isAdjustedToUTC, unit).</summary>
    public const int Time = 7;

    /// <summary>TIMESTAMP(isAdjustedToUTC, unit).</summary>
    public const int Timestamp = 8;

    /// <summary>INTERVAL (only as a converted type).</summary>
    public const int Interval = 9;

    /// <summary>INTEGER(bitWidth, isSigned).</summary>
    public const int Integer = 10;

    /// <summary>JSON.</summary>
    public const int Json = 12;

    /// <summary>BSON.</summary>
    public const int Bson = 13;

    /// <summary>A TIME or TIMESTAMP unit: milliseconds.</summary>
    public const int Millis = 1;

    /// <summary>A TIME or TIMESTAMP unit: microseconds.</summary>
    public const int Micros = 2;

    /// <summary>A TIME or TIMESTAMP unit: nanoseconds.</summary>
    public const int Nanos = 3;

    /// <summary>The names ParquetSharp's <c>LogicalTypeEnum</c> gives the union's members, by member id.</summary>
    private static readonly string[] Names =
    [
        "None", "String", "Map", "List", "Enum", "Decimal", "Date", "Time", "Timestamp", "Interval", "Int", "Nil", "Json", "Bson", "Uuid", "Float16",
        "Variant", "Geometry", "Geography",
    ];

    /// <summary>The type's name in errors, as ParquetSharp names it.</summary>
    public string Name => Kind >= 0 && Kind < Names.Length ? Names[Kind] : $"logical type {Kind}";

    /// <summary>
    /// The logical type of a legacy <c>converted_type</c> (parquet.thrift's <c>ConvertedType</c>), with a DECIMAL's
    /// scale and precision from the schema element.
    /// </summary>
    public static ParquetLogicalType FromConverted(int converted, int scale, int precision) => converted switch
    {
        0 => new(String),
        1 or 2 => new(Map),
        3 => new(List),
        4 => new(Enum),
        5 => new(Decimal, scale, precision),
        6 => new(Date),
        7 => new(Time, Unit: Millis),
        8 => new(Time, Unit: Micros),
        9 => new(Timestamp, Unit: Millis),
        10 => new(Timestamp, Unit: Micros),
        11 => new(Integer, BitWidth: 8, IsSigned: false),
        12 => new(Integer, BitWidth: 16, IsSigned: false),
        13 => new(Integer, BitWidth: 32, IsSigned: false),
        14 => new(Integer, BitWidth: 64, IsSigned: false),
        15 => new(Integer, BitWidth: 8),
        16 => new(Integer, BitWidth: 16),
        17 => new(Integer, BitWidth: 32),
        18 => new(Integer, BitWidth: 64),
        19 => new(Json),
        20 => new(Bson),
        21 => new(Interval),
        _ => new(None),
    };
}
