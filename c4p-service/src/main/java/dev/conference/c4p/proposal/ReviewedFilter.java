package dev.conference.c4p.proposal;

/** The {@code reviewed} filter of the organizers' listings: the proposals the caller reviewed, or not yet. */
public enum ReviewedFilter {
    MINE("mine"), NOT_MINE("notMine");

    /** The values the API accepts, as a pattern for validation. */
    public static final String PATTERN = "mine|notMine";

    private final String parameter;

    ReviewedFilter(String parameter) {
        this.parameter = parameter;
    }

    /** The filter of the {@code reviewed} parameter; null (no filter) when absent. */
    public static ReviewedFilter of(String parameter) {
        if (parameter == null) {
            return null;
        }
        for (ReviewedFilter filter : values()) {
            if (filter.parameter.equals(parameter)) {
                return filter;
            }
        }
        throw new IllegalArgumentException("Unknown reviewed filter: " + parameter);
    }
}
