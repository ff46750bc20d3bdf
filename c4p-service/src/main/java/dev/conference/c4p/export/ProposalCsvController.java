package dev.conference.c4p.export;

import dev.conference.c4p.proposal.ProposalOrder;
import dev.conference.c4p.proposal.ProposalSearch;
import dev.conference.c4p.proposal.ProposalStatus;
import dev.conference.c4p.proposal.ReviewedFilter;
import dev.conference.support.text.PlainText;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The back office's export for its spreadsheet: every proposal the listing's filters find, no paging. */
@RestController
class ProposalCsvController {

    static final String CONTENT_TYPE = "text/csv; charset=UTF-8";

    private final ProposalCsvExport export;

    ProposalCsvController(ProposalCsvExport export) {
        this.export = export;
    }

    /** Streams the rows as they are read; a failure before the first byte is still answered as a problem. */
    @GetMapping("/proposals.csv")
    void export(@RequestParam(required = false) ProposalStatus status,
                @RequestParam(name = "q", required = false) @Size(max = 200) @PlainText String text,
                @RequestParam(required = false) @Pattern(regexp = ReviewedFilter.PATTERN) String reviewed,
                @RequestParam(required = false) @Pattern(regexp = ProposalOrder.PATTERN) String sort,
                @RequestHeader(name = "X-Organizer", required = false) @Size(max = 200) String caller,
                HttpServletResponse response) throws IOException {
        ProposalSearch search = ProposalSearch.of(status, text, reviewed, caller);
        response.setContentType(CONTENT_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"proposals.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        export.write(search, ProposalOrder.of(sort), out);
        out.flush();
    }
}
