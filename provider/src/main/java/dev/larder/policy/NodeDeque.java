package dev.larder.policy;

/**
 * An intrusive doubly-linked queue of {@link PolicyNode}s, oldest first, using the nodes' own links.
 * A node is in at most one such queue at a time.
 *
 * <p>Thread-safety: not thread-safe; used only under the engine's maintenance lock.
 */
final class NodeDeque {

  PolicyNode first;
  PolicyNode last;
  int size;

  boolean isEmpty() {
    return first == null;
  }

  void addLast(PolicyNode node) {
    node.next = null;
    node.prev = last;
    if (last == null) {
      first = node;
    } else {
      last.next = node;
    }
    last = node;
    size++;
  }

  void remove(PolicyNode node) {
    PolicyNode prev = node.prev;
    PolicyNode next = node.next;
    if (prev == null) {
      first = next;
    } else {
      prev.next = next;
    }
    if (next == null) {
      last = prev;
    } else {
      next.prev = prev;
    }
    node.prev = null;
    node.next = null;
    size--;
  }

  void moveToLast(PolicyNode node) {
    if (node != last) {
      remove(node);
      addLast(node);
    }
  }

  PolicyNode pollFirst() {
    PolicyNode node = first;
    if (node != null) {
      remove(node);
    }
    return node;
  }
}
