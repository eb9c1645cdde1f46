using Microsoft.AspNetCore.Builder;
using OrleansProc.Silo.Hosting;
using OrleansProc.Silo.Web;

// Configuration: appsettings.json beside the silo's binaries, then environment variables (ORLEANSPROC_*).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOrleansProcSilo();
builder.AddOrleansProcWeb();

// Telemetry (OpenTelemetry metrics and traces) is added here, and its /metrics endpoint mapped below.

var app = builder.Build();
app.MapOrleansProcWeb();
await app.RunAsync();
