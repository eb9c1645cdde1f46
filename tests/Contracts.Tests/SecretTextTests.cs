namespace OrleansProc.Contracts.Tests;

public sealed class SecretTextTests
{
    private const string Key = "c2VjcmV0LWtleS1vZi10aGUtYWNjb3VudA+/AbCdEf==";

    [Theory]
    [InlineData($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={Key};EndpointSuffix=core.windows.net")]
    [InlineData($"failed: No valid combination of account information found in 'AccountKey = {Key}'")]
    [InlineData("GET https://acct.blob.core.windows.net/datasets/x?sv=2024-08-04&ss=b&srt=sco&sp=rl&se=2030-01-01&sig=AbC%2Bdef123456789%3D failed")]
    [InlineData("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2024-08-04&ss=bt&sig=AbC%2Bdef123456789%3D")]
    public void Scrub_TextWithASecret_MasksIt(string text)
    {
        var scrubbed = SecretText.Scrub(text);

        Assert.DoesNotContain(Key, scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("AbC%2Bdef", scrubbed, StringComparison.Ordinal);
        Assert.Contains(SecretText.Mask, scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_TheConfiguredKeyAlone_Masked()
    {
        var key = SecretText.ConfiguredSecrets(StorageNames.ConnectionString)[0];

        Assert.Equal($"the key was {SecretText.Mask}.", SecretText.Scrub($"the key was {key}."));
    }

    [Fact]
    public void ConfiguredSecrets_SasConnectionString_TheSasAndItsSignature()
    {
        var secrets = SecretText.ConfiguredSecrets("BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2024-08-04&ss=b&sig=AbC%2Bdef123456789%3D");

        Assert.Contains("sv=2024-08-04&ss=b&sig=AbC%2Bdef123456789%3D", secrets);
        Assert.Contains("AbC%2Bdef123456789%3D", secrets);
        Assert.Contains("AbC+def123456789=", secrets);
    }

    [Theory]
    [InlineData("error: blob sales/data.csv, line 3: 'abc' is not a BIGINT")]
    [InlineData("SELECT signature, COUNT(*) FROM t WHERE design = 'x' GROUP BY signature")]
    [InlineData("")]
    public void Scrub_TextWithoutSecrets_Unchanged(string text)
    {
        Assert.Equal(text, SecretText.Scrub(text));
    }
}
