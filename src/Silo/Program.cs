using Microsoft.AspNetCore.Builder;
using OrleansProc.Silo.Hosting;
using OrleansProc.Silo.Telemetry;
using OrleansProc.Silo.Web;

// Configuration: appsettings.json beside the silo's binaries, then environment variables (ORLEANSPROC_*).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = SiloSettings.From(builder.Configuration); // read once: it resolves the advertised address
builder.AddOrleansProcSilo(settings);
builder.AddOrleansProcWeb();
builder.AddOrleansProcTelemetry(settings.SiloName);

var app = builder.Build();
app.MapOrleansProcWeb();
app.MapOrleansProcTelemetry();
await app.RunAsync();
