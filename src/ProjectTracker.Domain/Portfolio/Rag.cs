namespace ProjectTracker.Domain.Portfolio;

/// <summary>Red/amber/green (红黄绿灯), ordered from best to worst so that the worst can be taken with Max.</summary>
public enum Rag
{
    Green,
    Amber,
    Red,
}
