using System.Globalization;
using System.Security.Cryptography;

namespace OrleansProc.Client.Jobs;

/// <summary>Makes job ids such as <c>j20261125-132820-3f9a2c</c>: the UTC submit time, then 6 random hex digits.</summary>
internal sealed class JobIdGenerator(TimeProvider time)
{
    public string Next()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var random = RandomNumberGenerator.GetHexString(6, lowercase: true);
        return "j" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + random;
    }
}
