# syntax=docker/dockerfile:1
# The OrleansProc client console. Build from the repository root (the context; see .dockerignore):
#   docker build -f infra/docker/client.Dockerfile -t orleansproc-client:0.1.0 .
#   docker run --rm -e ORLEANSPROC_STORAGE=... -e ORLEANSPROC_CLUSTER=... orleansproc-client:0.1.0 cluster status
# Tags are exact: the SDK that global.json pins, and the runtime that SDK ships.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# The SDK pin, Central Package Management and the analyzer rule levels (.editorconfig) first, then the project files
# of the client and what it references, so the restore layer is reused until one of them changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Contracts/Contracts.csproj src/Contracts/
COPY src/Security/Security.csproj src/Security/
COPY src/DevCluster/DevCluster.csproj src/DevCluster/
COPY src/Sdk/Sdk.csproj src/Sdk/
COPY src/Engine/Engine.csproj src/Engine/
COPY src/Worker/Worker.csproj src/Worker/
COPY src/SampleData/SampleData.csproj src/SampleData/
COPY src/Client/Client.csproj src/Client/
RUN dotnet restore src/Client/Client.csproj
COPY src/Contracts/ src/Contracts/
COPY src/Security/ src/Security/
COPY src/DevCluster/ src/DevCluster/
COPY src/Sdk/ src/Sdk/
COPY src/Engine/ src/Engine/
COPY src/Worker/ src/Worker/
COPY src/SampleData/ src/SampleData/
COPY src/Client/ src/Client/
RUN dotnet publish src/Client/Client.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0.12 AS final
WORKDIR /app
COPY --from=build /app/publish .
# Local files for `dataset upload` or local-mode queries: mount them here (docker run -v "$PWD/logs:/data:ro" ...).
WORKDIR /data
# The base image's non-root user 'app' (uid 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/OrleansProc.Client.dll"]
