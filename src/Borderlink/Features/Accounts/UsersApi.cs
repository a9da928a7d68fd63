using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Accounts;

/// <summary>/api/v1/users: a party's administrators manage their own party's accounts.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Administration").RequireAuthorization(Policies.Administrator);
        group.MapGet("/", async (ManageUsers manage, CancellationToken ct) => TypedResults.Ok(await manage.ListAsync(ct)))
            .WithName("ListUsers").WithSummary("Accounts of the caller's party.");
        group.MapGet("/{id}", async (ManageUsers manage, IStringLocalizer<SharedResource> L, string id) => ApiResults.From(await manage.GetAsync(id), L, u => u))
            .WithName("GetUser").WithSummary("One account of the caller's party.").Produces<UserDto>().ProducesProblem(404);
        group.MapPost("/", async (ManageUsers manage, IStringLocalizer<SharedResource> L, ManageUsers.CreateRequest request, CancellationToken ct) =>
                ApiResults.From(await manage.CreateAsync(request, ct), L, u => u))
            .WithName("CreateUser").WithSummary("Create an account in one of the party's agencies.").Produces<UserDto>(201).ProducesValidationProblem();
        group.MapPut("/{id}", async (ManageUsers manage, IStringLocalizer<SharedResource> L, string id, ManageUsers.UpdateRequest request, CancellationToken ct) =>
                ApiResults.From(await manage.UpdateAsync(id, request, ct), L, u => u))
            .WithName("UpdateUser").WithSummary("Change agency, roles or lock state; the user is signed out everywhere.")
            .Produces<UserDto>().ProducesValidationProblem().ProducesProblem(404);
        return app;
    }
}
