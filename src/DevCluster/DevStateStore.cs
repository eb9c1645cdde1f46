using System.Text.Json;

namespace OrleansProc.DevCluster;

/// <summary>Reads and writes <c>.orleansproc/dev.json</c>.</summary>
internal sealed class DevStateStore(DevPaths paths)
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public DevState? Load()
    {
        if (!File.Exists(paths.StateFile))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DevState>(File.ReadAllText(paths.StateFile), SerializerOptions);
        }
        catch (JsonException exception)
        {
            throw new DevClusterException($"cannot read {paths.Show(paths.StateFile)}: {exception.Message}; stop what runs by hand and delete the file");
        }
    }

    public void Save(DevState state)
    {
        Directory.CreateDirectory(paths.StateDirectory);
        var temporary = paths.StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, SerializerOptions));
        File.Move(temporary, paths.StateFile, overwrite: true);
    }

    public void Delete() => File.Delete(paths.StateFile);
}
