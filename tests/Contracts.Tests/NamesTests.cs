namespace OrleansProc.Contracts.Tests;

public sealed class NamesTests
{
    public static TheoryData<string> HostileNames() =>
    [
        "../etc",
        "..",
        ".",
        "a/../b",
        "a/b",
        "a\\b",
        "..%2fetc",
        "%2e%2e",
        "%2e%2e%2fetc",
        "a%00b",
        "sales.",
        "sales..",
        "-sales",
        "_sales",
        ".hidden",
        "sales\n",
        "sa\0les",
        "sa\u001bles",
        "sa les",
        "sales\u202e",
        "ｓａｌｅｓ",
        "ventes-été",
        "",
        " ",
        new string('a', 101),
        new string('a', 2_000),
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void IsValid_HostileName_False(string name)
    {
        Assert.False(Names.IsValid(name));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Validate_HostileName_OneLineWithoutControlCharactersAndShort(string name)
    {
        var error = Names.Validate(name, "dataset");

        Assert.NotNull(error);
        Assert.StartsWith("invalid dataset name '", error, StringComparison.Ordinal);
        Assert.DoesNotContain(error, char.IsControl);
        Assert.True(error.Length < 300, $"{error.Length} characters");
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("sales-2024.v2")]
    [InlineData("j20261125-132820-3f9a2c-out")]
    [InlineData("Sales_EU")]
    [InlineData("a.b.c")]
    [InlineData("end-")]
    public void IsValid_AllowedName_True(string name)
    {
        Assert.True(Names.IsValid(name));
        Assert.True(Names.IsValid(new string('x', Names.MaxLength - 1) + name[^1]));
    }

    [Fact]
    public void Validate_TwoThousandCharacters_SaysHowLong()
    {
        Assert.Contains("(2000 characters)", Names.Validate(new string('a', 2_000), "job"), StringComparison.Ordinal);
    }
}
