package dev.conference.agenda.item;

/** What kind of session an agenda item is, and so how many consecutive time slots of one room it takes. */
public enum Format {
    TALK("Talk", 1),
    WORKSHOP("Workshop", 2);

    private final String label;
    private final int slots;

    Format(String label, int slots) {
        this.label = label;
        this.slots = slots;
    }

    public String label() {
        return label;
    }

    /** The number of consecutive time slots of one room on one day the item takes. */
    public int slots() {
        return slots;
    }
}
