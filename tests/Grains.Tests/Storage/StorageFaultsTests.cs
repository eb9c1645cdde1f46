using System.Net.Http;
using System.Net.Sockets;
using Azure;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Tests.Storage;

public sealed class StorageFaultsTests
{
    public static TheoryData<Exception> Outages() =>
    [
        new RequestFailedException("Connection refused (127.0.0.1:10000)"),
        new RequestFailedException(503, "Service Unavailable"),
        new AggregateException("Retry failed after 4 tries.", new RequestFailedException("Connection refused"), new RequestFailedException("Connection refused")),
        new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset)),
        new TaskCanceledException("The operation was canceled.", new TimeoutException("The operation didn't complete within the allowed timeout of '00:01:40'.")),
        new InvalidOperationException("write failed", new RequestFailedException(500, "Internal error")),
    ];

    public static TheoryData<Exception> NotOutages() =>
    [
        new RequestFailedException(404, "The specified blob does not exist.", "BlobNotFound", null),
        new RequestFailedException(403, "Server failed to authenticate the request."),
        new RequestFailedException(409, "The specified blob already exists.", "BlobAlreadyExists", null),
        new IOException("injected fault (ORLEANSPROC_FAULT_BLOB)"),
        new InvalidDataException("not gzip"),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public void IsUnreachable_TransportOrServerFailure_True(Exception exception) => Assert.True(StorageFaults.IsUnreachable(exception));

    [Theory]
    [MemberData(nameof(NotOutages))]
    public void IsUnreachable_AnswerThatRetryingCannotChange_False(Exception exception) => Assert.False(StorageFaults.IsUnreachable(exception));
}
