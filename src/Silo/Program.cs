using Microsoft.AspNetCore.Builder;
using OrleansProc.Contracts.Security;
using OrleansProc.Silo.Hosting;
using OrleansProc.Silo.Telemetry;
using OrleansProc.Silo.Web;

// Configuration: appsettings.json beside the silo's binaries, then environment variables (ORLEANSPROC_*).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    builder.AddOrleansProcSilo();
}
catch (TlsCertificateException exception)
{
    // One line saying what, where and why: no stack trace, and never the certificate's password.
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 1;
}

builder.AddOrleansProcWeb();
builder.AddOrleansProcTelemetry();

var app = builder.Build();
app.MapOrleansProcWeb();
app.MapOrleansProcTelemetry();
await app.RunAsync();
return 0;
