using Microsoft.Extensions.Hosting;
using OrleansProc.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddOrleansProcSilo();
await builder.Build().RunAsync();
