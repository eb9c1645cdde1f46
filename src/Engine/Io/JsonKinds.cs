using System.Text.Json;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// The kinds of JSON values seen under one key (or at the root), for <see cref="JsonSchemaInference"/>: its type, or,
/// when every non-null value is an object, the kinds of its fields in order of first appearance.
/// </summary>
internal sealed class JsonKinds
{
    private readonly Dictionary<string, JsonKinds> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];
    private bool _integer;
    private bool _float;
    private bool _boolean;
    private bool _string;
    private bool _array;
    private bool _object;
    private bool _allTimestamps = true;
    private bool _allDates = true;
    private bool _someDate;

    /// <summary>The column type of a value that is not flattened.</summary>
    public SqlType Type
    {
        get
        {
            var number = _integer || _float;
            var kinds = (number ? 1 : 0) + (_boolean ? 1 : 0) + (_string ? 1 : 0);
            if (_array || _object || kinds != 1)
            {
                return SqlType.Varchar;
            }

            return number ? (_float ? SqlType.Double : SqlType.BigInt)
                : _boolean ? SqlType.Boolean
                : _allDates ? SqlType.Date
                : _allTimestamps && !_someDate ? SqlType.Timestamp
                : SqlType.Varchar;
        }
    }

    /// <summary>True when every non-null value seen is an object with at least one field: its fields become columns.</summary>
    public bool Flattens => _object && _order.Count > 0 && !(_integer || _float || _boolean || _string || _array);

    public void Observe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out _))
                {
                    _integer = true;
                }
                else
                {
                    _float = true;
                }

                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                _boolean = true;
                break;
            case JsonValueKind.String:
                _string = true;
                var text = value.GetString();
                _allTimestamps = _allTimestamps && TimestampParser.TryParse(text, out _);
                var date = DateParser.IsDateOnly(text);
                _allDates = _allDates && date;
                _someDate |= date;
                break;
            case JsonValueKind.Array:
                _array = true;
                break;
            case JsonValueKind.Object:
                _object = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!_fields.TryGetValue(property.Name, out var field))
                    {
                        field = new JsonKinds();
                        _fields.Add(property.Name, field);
                        _order.Add(property.Name);
                    }

                    field.Observe(property.Value);
                }

                break;
        }
    }

    /// <summary>
    /// Adds the columns of this object's fields to <paramref name="columns"/>, named <paramref name="prefix"/>.field
    /// (or field at the root), flattening fields that are objects; a name already taken is not added again.
    /// </summary>
    public void AddFieldColumns(string? prefix, List<ColumnSchema> columns, HashSet<string> names)
    {
        foreach (var key in _order)
        {
            var field = _fields[key];
            var name = prefix is null ? key : $"{prefix}.{key}";
            if (field.Flattens)
            {
                field.AddFieldColumns(name, columns, names);
            }
            else if (names.Add(name))
            {
                columns.Add(new ColumnSchema(name, field.Type));
            }
        }
    }
}
