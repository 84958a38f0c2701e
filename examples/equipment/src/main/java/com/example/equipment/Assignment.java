package com.example.equipment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An item lent to a user; open while {@code returnedAt} is null. */
@Entity
@Table(name = "assignments", indexes = {
        @Index(name = "ix_assignments_item_id", columnList = "item_id"),
        @Index(name = "ix_assignments_user_id", columnList = "user_id")
})
public class Assignment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "item_id", nullable = false, foreignKey = @ForeignKey(name = "fk_assignments_item"))
    private EquipmentItem item;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "fk_assignments_user"))
    private User user;

    @Column(nullable = false)
    private OffsetDateTime assignedAt;

    private OffsetDateTime returnedAt;

    protected Assignment() {
        // for JPA
    }

    public Assignment(EquipmentItem item, User user) {
        this.item = item;
        this.user = user;
        this.assignedAt = OffsetDateTime.now();
    }

    public Long getId() {
        return id;
    }

    public EquipmentItem getItem() {
        return item;
    }

    public User getUser() {
        return user;
    }

    public OffsetDateTime getAssignedAt() {
        return assignedAt;
    }

    public OffsetDateTime getReturnedAt() {
        return returnedAt;
    }

    public void markReturned() {
        this.returnedAt = OffsetDateTime.now();
    }
}
