package dev.conference.c4p.notification;

import java.util.List;

public record NotificationPage(List<NotificationView> items, int page, int size, long totalItems, int totalPages) {
}
