namespace ProjectTracker.Api.Infrastructure;

/// <summary>What every API query string must be, whichever endpoint it goes to; each breach is a 400 naming the parameter.</summary>
public static class QueryStringRules
{
    public static IApplicationBuilder UseQueryStringRules(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.QueryString.HasValue && http.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var (name, values) in http.Request.Query)
            {
                // Every parameter of the API takes one value; the framework would join repeats into "a,b" and match nothing.
                if (values.Count > 1)
                {
                    throw new BadInputException(name, $"'{name}' is given {values.Count} times; give it once.");
                }

                if (!Domain.StoredText.IsStorable(values.ToString()))
                {
                    throw new BadInputException(name, $"'{name}' {Domain.StoredText.Rule}.");
                }
            }
        }

        return next(http);
    });
}
