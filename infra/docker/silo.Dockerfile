# syntax=docker/dockerfile:1
# The OrleansProc silo. Build from the repository root (the context; see .dockerignore):
#   docker build -f infra/docker/silo.Dockerfile -t orleansproc-silo:0.1.0 .
# Tags are exact: the SDK that global.json pins, and the runtime that SDK ships.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
# The silo is published ReadyToRun (precompiled for the image's platform: a fresh silo JIT-compiles far less), so the
# restore and the publish name the target's architecture (BuildKit sets TARGETARCH: amd64 or arm64; the SDK maps it).
ARG TARGETARCH
WORKDIR /src
# The SDK pin, Central Package Management and the analyzer rule levels (.editorconfig) first, then the project files
# of the silo and what it references, so the restore layer is reused until one of them changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Contracts/Contracts.csproj src/Contracts/
COPY src/Security/Security.csproj src/Security/
COPY src/Sdk/Sdk.csproj src/Sdk/
COPY src/Engine/Engine.csproj src/Engine/
COPY src/Worker/Worker.csproj src/Worker/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj -a "$TARGETARCH" -p:PublishReadyToRun=true
COPY src/Contracts/ src/Contracts/
COPY src/Security/ src/Security/
COPY src/Sdk/ src/Sdk/
COPY src/Engine/ src/Engine/
COPY src/Worker/ src/Worker/
COPY src/Grains/ src/Grains/
COPY src/Silo/ src/Silo/
RUN dotnet publish src/Silo/Silo.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false \
    -a "$TARGETARCH" --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS final
WORKDIR /app
COPY --from=build /app/publish .
# Container defaults (compose and Kubernetes set them too): the web side on every address, the silo advertising its
# own address (Kubernetes passes the pod IP instead). ASPNETCORE_HTTP_PORTS is emptied: the silo binds its web port
# from ORLEANSPROC_WEB_PORT itself.
ENV ORLEANSPROC_WEB_HOST=0.0.0.0 \
    ORLEANSPROC_WEB_PORT=8080 \
    ORLEANSPROC_ADVERTISED_IP=auto \
    ASPNETCORE_HTTP_PORTS=
# silo-to-silo, client gateway, web page (/, /dashboard, /healthz, /metrics)
EXPOSE 11111 30000 8080
# The base image's non-root user 'app' (uid 1654), by number so Kubernetes' runAsNonRoot can check it.
USER $APP_UID
ENTRYPOINT ["dotnet", "OrleansProc.Silo.dll"]
