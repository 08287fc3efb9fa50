using Npgsql;
using SyncOps.Server.Auth;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;

namespace SyncOps.Server.Rest;

/// <summary>
/// Answers <c>/rest/v1/{table}</c> and <c>/rest/v1/rpc/{function}</c>: authenticates, negotiates, parses, builds one
/// statement and runs it through <see cref="RestExecutor"/>. Every failure ends in <see cref="HandleAsync"/>'s one catch.
/// </summary>
internal sealed partial class RestHandler(
    JwtAuthenticator authenticator, SchemaCache schema, RestExecutor executor, RestOptions options, ILogger<RestHandler> logger)
{
    /// <summary>Runs a request body and turns every failure into PostgREST's error response.</summary>
    private async Task HandleAsync(HttpContext context, Func<RequestIdentity, Task> body)
    {
        var identity = RequestIdentity.Anonymous;
        try
        {
            identity = await authenticator.AuthenticateAsync(
                context.Request.Headers.Authorization, context.Request.Headers["apikey"]);
            await body(identity);
        }
        catch (PostgrestException e)
        {
            await RestResponses.WriteErrorAsync(context, e.Error);
        }
        catch (PostgrestJsonException e)
        {
            await RestResponses.WriteErrorAsync(context, e.Error, e.Details);
        }
        catch (PostgresException e) when (Sql.MaxAffected.TryRead(e, out var rows))
        {
            await RestResponses.WriteErrorAsync(context, RestErrors.MaxAffected(rows));
        }
        catch (PostgresException e)
        {
            await RestResponses.WriteErrorAsync(context, PostgresErrorMapping.ToError(e, identity.IsAnonymous));
        }
        catch (BadHttpRequestException e)
        {
            await RestResponses.WriteErrorAsync(context, new PostgrestError("SYNCOPS" + e.StatusCode, null, null, e.Message)
            {
                Status = e.StatusCode,
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException)
        {
            await RestResponses.WriteErrorAsync(context, new PostgrestError(
                "PGRST003", null, null, "Timed out acquiring connection from connection pool.") { Status = 504 });
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            LogDatabaseUnavailable(logger, e);
            await RestResponses.WriteErrorAsync(context, new PostgrestError(
                "PGRST000", e.Message, null, "Database client error. Retrying the connection.") { Status = 503 });
        }
        catch (Exception e)
        {
            // A bug of ours; the caller still gets the error object rather than an empty 500. Details name only the
            // exception's type (the log has the rest), so nothing about the data leaks.
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e);
            await RestResponses.WriteErrorAsync(context, new PostgrestError(
                "SYNCOPS500", e.GetType().Name, null, "Internal server error") { Status = 500 });
        }
    }

    /// <summary>
    /// The schema of the request: <c>Accept-Profile</c> for GET/HEAD, <c>Content-Profile</c> otherwise (supabase-js
    /// <c>.schema('x')</c>), the first exposed schema without one; an unexposed one is 406 PGRST106. With several
    /// schemas exposed PostgREST names the one used in the response's <c>Content-Profile</c>.
    /// </summary>
    private string SelectSchema(HttpContext context)
    {
        var request = context.Request;
        var header = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? "Accept-Profile" : "Content-Profile";
        var profile = request.Headers[header].ToString();
        var schemas = schema.Schemas;
        if (profile.Length > 0 && !schemas.Contains(profile, StringComparer.Ordinal))
        {
            throw new PostgrestException(RestErrors.InvalidSchema(profile, schemas));
        }

        var chosen = profile.Length > 0 ? profile : schemas[0];
        if (schemas.Count > 1)
        {
            context.Response.Headers["Content-Profile"] = chosen;
        }

        return chosen;
    }

    private static void SetPreferenceApplied(HttpResponse response, Preferences prefs)
    {
        var applied = prefs.Applied();
        if (applied.Length > 0)
        {
            response.Headers["Preference-Applied"] = applied;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "unexpected failure answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "database unavailable")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception);
}
