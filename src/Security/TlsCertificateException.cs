namespace OrleansProc.Security;

/// <summary>
/// The TLS settings cannot be used: the certificate file is missing or unreadable, its password is wrong, it has no
/// private key, or a setting is invalid. The message says what, where and why on one line and never holds the password.
/// </summary>
public sealed class TlsCertificateException : Exception
{
    public TlsCertificateException()
    {
    }

    public TlsCertificateException(string message)
        : base(message)
    {
    }

    public TlsCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
