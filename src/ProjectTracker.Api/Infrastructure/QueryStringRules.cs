namespace ProjectTracker.Api.Infrastructure;

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
