namespace OrleansProc.Silo.Web;

/// <summary>What the web side does with a request, as <see cref="WebAccessRule"/> decides.</summary>
public enum WebAccessOutcome
{
    /// <summary>Serve it.</summary>
    Allow,

    /// <summary>A login: the query's token is the key; set the cookie and redirect to the same path without it.</summary>
    LogIn,

    /// <summary>401: a key is set and the request does not carry it.</summary>
    Unauthorized,

    /// <summary>403: no key is set and the request comes from another host.</summary>
    LoopbackOnly,
}
