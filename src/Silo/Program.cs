using Microsoft.AspNetCore.Builder;
using OrleansProc.Security;
using OrleansProc.Silo.Hosting;
using OrleansProc.Silo.Telemetry;
using OrleansProc.Silo.Web;

// Configuration: appsettings.json beside the silo's binaries, then environment variables (ORLEANSPROC_*).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
SiloSettings settings;
try
{
    settings = SiloSettings.From(builder.Configuration); // read once: it resolves the advertised address
}
catch (Exception exception) when (exception is TlsCertificateException or InvalidOperationException)
{
    // One line saying what, where and why: no stack trace, and never the certificate's password.
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 1;
}

builder.AddOrleansProcSilo(settings);
builder.AddOrleansProcWeb();
builder.AddOrleansProcTelemetry(settings.SiloName);

var app = builder.Build();
app.MapOrleansProcWeb();
app.MapOrleansProcTelemetry();
await app.RunAsync();
return 0;
