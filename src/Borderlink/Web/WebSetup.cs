using System.Globalization;
using System.Text.Json.Serialization;
using Borderlink.Data;
using Microsoft.AspNetCore.Localization;

namespace Borderlink.Web;

public static class WebSetup
{
    /// <summary>Largest request body accepted where an endpoint does not declare its own limit (uploads and the exchange inbox do; see <see cref="RequestSizeLimit"/>).</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    private static readonly object HeadKey = new();

    public static WebApplicationBuilder AddBorderlinkWeb(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.AddStaticAssetsEverywhere();
        builder.AddBorderlinkProxies();
        builder.AddBorderlinkMetrics();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Vietnamese and Chinese text as characters, not &#x…; entities: pages are a third lighter on slow border links.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "borderlink.af");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RequestProblems>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Borderlink API";
                doc.Info.Description = "Cross-border epidemic prevention and control coordination. Authenticate with a cookie or `Authorization: Bearer <token>`.";
                return Task.CompletedTask;
            });
            // A crossing is read by a converter of its own (any scalar as text, as in a batch line), which the schema
            // generator cannot see into: its fields are described here.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Features.Screening.CrossingLine))
                {
                    schema.Type = Microsoft.OpenApi.JsonSchemaType.Object;
                    schema.Properties = typeof(Features.Screening.CrossingLine).GetProperties().ToDictionary(
                        p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                        p => (Microsoft.OpenApi.IOpenApiSchema)new Microsoft.OpenApi.OpenApiSchema
                        {
                            Type = Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Number | Microsoft.OpenApi.JsonSchemaType.Boolean
                                | Microsoft.OpenApi.JsonSchemaType.Null,
                        });
                }
                return Task.CompletedTask;
            });
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // A field declared non-null may not be sent as null: the request is refused with the field's name instead of
            // reaching a use case half-filled. (Fields left out are the use cases' to require, with their own message.)
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
        });
        builder.Services.AddScoped<TimeDisplay>();
        return builder;
    }

    public static WebApplication UseBorderlinkWeb(this WebApplication app)
    {
        // A page address that leads nowhere (/notse, a link to a page that went) shows the not-found page in the reader's
        // language, with the way home, instead of an empty answer; API and exchange paths keep their problem documents.
        // (Re-executed for any empty error answer to a page's GET; the others a page can give — a refused form, a busy
        // database, an address that cannot be read — carry their own page.)
        app.UseWhen(context => (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && !RequestProblems.IsMachinePath(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // HEAD is answered as GET is, without the body (RFC 9110 §9.3.2), as uptime monitors and link checkers ask it:
        // the request is routed as GET, then is HEAD again before anything answers, so the server sends headers only.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Items[HeadKey] = true;
                context.Request.Method = HttpMethods.Get;
            }
            return next(context);
        });
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (context.Items.ContainsKey(HeadKey))
            {
                context.Request.Method = HttpMethods.Head;
            }
            return next(context);
        });
        // No answer, of any kind, leaves before what it may report is on disk (Data/DurableCommits: on SQLite the log's
        // syncs are grouped; the answer waits for one that started after its commit).
        var commits = app.Services.GetRequiredService<DurableCommits>();
        if (commits.Grouped)
        {
            app.Use((context, next) =>
            {
                context.Response.OnStarting(() => commits.WaitAsync());
                return next(context);
            });
        }
        app.UseBorderlinkProxies();
        // The language first, so that a refusal by the exception handler below is in the caller's language too.
        app.UseRequestLocalization(o =>
        {
            var cultures = Languages.Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The user's choice (cookie) first, then the browser's languages (any Chinese read as zh-Hans).
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguages()];
        });
        app.UseExceptionHandler();
        app.UseMiddleware<ProblemBodies>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<TextGuard>();
        app.UseMiddleware<RequestSizeLimit>();
        app.MapStaticAssets().AllowAnonymous();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(RequestSizeLimit.AfterAntiforgery);
        return app;
    }
}
