namespace ProjectTracker.Domain.Portfolio;

// 红黄绿灯, best to worst, so that the worst is taken with Max.
public enum Rag
{
    Green,
    Amber,
    Red,
}
