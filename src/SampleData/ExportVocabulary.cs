namespace OrleansProc.SampleData;

/// <summary>The fixed value lists of the orders export (<see cref="ExportDataGenerator"/>): names, countries, products.</summary>
internal static class ExportVocabulary
{
    public static readonly string[] FirstNames =
    [
        "Anna", "José", "Zoë", "Łukasz", "Björn", "Chloé", "Mohammed", "Yuki", "Ana", "Søren",
        "Jürgen", "François", "Maria", "John", "Wei", "Olga", "Émile", "Noah", "Aylin", "Priya",
    ];

    public static readonly string[] LastNames =
    [
        "García", "Müller", "Nowak", "Smith", "Dubois", "Andersson", "Rossi", "Tanaka", "Kowalski", "Jensen",
        "Øberg", "Silva", "Novák", "O'Brien", "Kim", "Yılmaz", "Ivanova", "Brown", "Łęcki", "Schmidt",
    ];

    /// <summary>Countries as exports spell them, most frequent first (Zipf-skewed); none holds a comma.</summary>
    public static readonly string[] Countries =
    [
        "United States", "Germany", "United Kingdom", "France", "India", "Brazil", "Japan", "Canada", "Netherlands",
        "Spain", "Italy", "Sweden", "Poland", "Australia", "Mexico", "Switzerland", "Norway", "Türkiye", "Côte d'Ivoire",
    ];

    /// <summary>The one country name with a comma, rare: it is quoted in the CSV.</summary>
    public const string QuotedCountry = "Korea, Republic of";

    public static readonly string[] Categories =
    [
        "Books", "Electronics", "Home & Garden", "Toys & Games", "Grocery", "Clothing",
        "Sports", "Beauty", "Music", "Tools", "Office", "Pets",
    ];

    public static readonly string[] ProductAdjectives =
    [
        "Classic", "Wireless", "Organic", "Compact", "Deluxe", "Crème", "Smart", "Vintage", "Portable", "Café",
        "Ergonomic", "Basic", "Premium", "Mini", "Große",
    ];

    public static readonly string[] ProductNouns =
    [
        "Notebook", "Mouse", "Teapot", "Backpack", "Lamp", "Headphones", "Chair", "Blender", "Novel", "Jacket",
        "Puzzle", "Shampoo", "Guitar", "Drill", "Stapler", "Leash", "Monitor", "Mug", "Sneakers", "Candle",
    ];

    public static readonly string[] Statuses = ["delivered", "shipped", "processing", "returned", "cancelled"];

    public static readonly string[] NoteWords =
    [
        "please", "leave", "at", "door", "gift", "wrap", "call", "before", "delivery", "fragile", "urgent",
        "back", "entrance", "neighbour", "reçu", "merci", "danke", "schön", "ok", "thanks",
    ];
}
