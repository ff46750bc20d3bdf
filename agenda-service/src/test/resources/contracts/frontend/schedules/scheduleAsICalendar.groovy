import org.springframework.cloud.contract.spec.Contract

// A personal schedule as an RFC 5545 calendar feed: its talks only, with the agenda's UIDs. The stub
// answers a fixed calendar of the one talk; the producer is held to the shape and that talk.
Contract.make {
    name 'scheduleAsICalendar'
    request {
        method GET()
        url '/schedules/ScheduleContractToken0.ics'
    }
    response {
        status OK()
        headers {
            header('Content-Type', 'text/calendar;charset=UTF-8')
        }
        body($(
                consumer('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Conference Platform//Agenda//EN\r\n'
                        + 'CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Conference agenda: my schedule\r\nBEGIN:VEVENT\r\n'
                        + 'UID:0a9e0d00-0000-4000-8000-000000000001@conference-platform\r\n'
                        + 'DTSTAMP:20270101T000000Z\r\nDTSTART:20270512T070000Z\r\nDTEND:20270512T074500Z\r\n'
                        + 'SUMMARY:Records in depth\r\nLOCATION:Main Hall\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
                producer(regex('(?s)BEGIN:VCALENDAR\r\n.*VERSION:2\\.0.*BEGIN:VEVENT\r\n'
                        + 'UID:0a9e0d00-0000-4000-8000-000000000001@conference-platform\r\n.*SUMMARY:Records in depth'
                        + '.*END:VEVENT\r\nEND:VCALENDAR\r\n'))))
    }
}
