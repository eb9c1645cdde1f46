using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

public sealed class RecordDeliveryFactoryTests
{
    private static readonly TableSchema s_schema = ScanHarness.Schema(("n", SqlType.BigInt), ("s", SqlType.Varchar));

    private static ScanOptions Options(DataFormat format, params bool[] needed) => ScanHarness.Options(format, s_schema) with { NeededColumns = needed };

    [Fact]
    public void Create_CsvRowSink_PicksRows()
    {
        var options = Options(DataFormat.Csv, true, true);

        var choice = RecordDeliveryFactory.Create(options, new CollectingSink(), new ScanColumns(options));

        Assert.IsType<RowDelivery>(choice.Delivery);
        Assert.Equal("rows: the sink takes rows only", choice.Reason);
    }

    [Fact]
    public void Create_CsvUtf8SinkNeedingOnlyItsColumn_PicksUtf8Column()
    {
        var options = Options(DataFormat.Csv, false, true);

        var choice = RecordDeliveryFactory.Create(options, new Utf8Sink(1), new ScanColumns(options));

        Assert.IsType<Utf8ColumnDelivery>(choice.Delivery);
        Assert.StartsWith("UTF-8 column", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(5, false)]
    public void Create_CsvUtf8SinkNotMatchingNeededColumns_PicksRows(int column, bool otherNeeded)
    {
        var options = Options(DataFormat.Csv, otherNeeded, true);

        var choice = RecordDeliveryFactory.Create(options, new Utf8Sink(column), new ScanColumns(options));

        Assert.IsType<RowDelivery>(choice.Delivery);
        Assert.Contains("UTF-8 column sink", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CsvBatchSinkWithNeededColumns_PicksColumnBatch()
    {
        var options = Options(DataFormat.Csv, true, false);

        var choice = RecordDeliveryFactory.Create(options, new BatchSink(new ColumnBatch(s_schema, [true, false])), new ScanColumns(options));

        Assert.IsType<ColumnBatchDelivery>(choice.Delivery);
        Assert.StartsWith("column batch", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CsvBatchSinkWithOtherColumns_PicksRows()
    {
        var options = Options(DataFormat.Csv, true, false);

        var choice = RecordDeliveryFactory.Create(options, new BatchSink(new ColumnBatch(s_schema, [true, true])), new ScanColumns(options));

        Assert.IsType<RowDelivery>(choice.Delivery);
        Assert.Equal("rows: the sink's batch does not hold or filter exactly the needed columns", choice.Reason);
    }

    [Fact]
    public void Create_CsvBatchSinkWithoutBatch_PicksRows()
    {
        var options = Options(DataFormat.Csv, true, false);

        var choice = RecordDeliveryFactory.Create(options, new BatchSink(null), new ScanColumns(options));

        Assert.IsType<RowDelivery>(choice.Delivery);
    }

    [Fact]
    public void Create_Jsonl_PicksRowsWhateverTheSink()
    {
        var options = Options(DataFormat.Jsonl, true, false);

        var choice = RecordDeliveryFactory.Create(options, new BatchSink(new ColumnBatch(s_schema, [true, false])), new ScanColumns(options));

        Assert.IsType<RowDelivery>(choice.Delivery);
        Assert.StartsWith("rows:", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliverCsv_ValueNotOfItsType_BatchAndRowsGiveTheSameReason()
    {
        var options = Options(DataFormat.Csv, true, false);
        var columns = new ScanColumns(options);
        var record = "x1,\"a\""u8;
        var fields = new CsvField[4];
        CsvTokenizer.Frame(record, isFinal: true, ref fields, out var count, out _, out _);
        var sink = new BatchSink(new ColumnBatch(s_schema, [true, false]));

        var fromBatch = new ColumnBatchDelivery(sink, sink.Batch!, columns).DeliverCsv(record, fields.AsSpan(0, count));
        var fromRows = new RowDelivery(new CollectingSink(), columns).DeliverCsv(record, fields.AsSpan(0, count));

        Assert.NotNull(fromBatch);
        Assert.Equal(fromRows, fromBatch);
        Assert.Equal(0, sink.Batch!.Count);
    }

    [Fact]
    public void Flush_BatchHoldingRecords_HandsItOverAndClearsIt()
    {
        var options = Options(DataFormat.Csv, true, false);
        var sink = new BatchSink(new ColumnBatch(s_schema, [true, false]));
        var delivery = new ColumnBatchDelivery(sink, sink.Batch!, new ScanColumns(options));
        var record = "7,a"u8;
        var fields = new CsvField[4];
        CsvTokenizer.Frame(record, isFinal: true, ref fields, out var count, out _, out _);

        Assert.Null(delivery.DeliverCsv(record, fields.AsSpan(0, count)));
        delivery.Flush();
        delivery.Flush();

        Assert.Equal([1], sink.Handed);
        Assert.Equal(0, sink.Batch!.Count);
    }

    private sealed class Utf8Sink(int column) : IRowSink, IUtf8ColumnSink
    {
        public int Utf8Column => column;

        public void Accept(ReadOnlySpan<SqlValue> row)
        {
        }

        public void AcceptUtf8(ReadOnlySpan<byte> value)
        {
        }
    }

    private sealed class BatchSink(ColumnBatch? batch) : IRowSink, IColumnBatchSink
    {
        public ColumnBatch? Batch => batch;

        public List<int> Handed { get; } = [];

        public void Accept(ReadOnlySpan<SqlValue> row)
        {
        }

        public void AcceptBatch(ColumnBatch full) => Handed.Add(full.Count);
    }
}
