import org.springframework.cloud.contract.spec.Contract

// The agenda as an RFC 5545 calendar. Each export has a fresh DTSTAMP, so the producer is held to
// the calendar's shape and its talks; the stub answers a fixed calendar of the two talks.
Contract.make {
    name 'agendaAsICalendar'
    request {
        method GET()
        url '/agenda-items.ics'
    }
    response {
        status OK()
        headers {
            header('Content-Type', 'text/calendar;charset=UTF-8')
        }
        body($(
                consumer('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Conference Platform//Agenda//EN\r\n'
                        + 'CALSCALE:GREGORIAN\r\nBEGIN:VEVENT\r\nUID:0a9e0d00-0000-4000-8000-000000000001@conference-platform\r\n'
                        + 'DTSTAMP:20270101T000000Z\r\nDTSTART:20270512T070000Z\r\nDTEND:20270512T074500Z\r\n'
                        + 'SUMMARY:Records in depth\r\nLOCATION:Main Hall\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n'
                        + 'UID:0a9e0d00-0000-4000-8000-000000000002@conference-platform\r\nDTSTAMP:20270101T000000Z\r\n'
                        + 'DTSTART:20270512T070000Z\r\nDTEND:20270512T074500Z\r\nSUMMARY:Virtual threads\\, really\r\n'
                        + 'LOCATION:Room A\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
                producer(regex('(?s)BEGIN:VCALENDAR\r\n.*VERSION:2\\.0.*BEGIN:VEVENT.*SUMMARY:Records in depth.*'
                        + 'SUMMARY:Virtual threads\\\\, really.*END:VCALENDAR\r\n'))))
    }
}
