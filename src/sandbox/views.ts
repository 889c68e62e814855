import { currentStep } from './lifecycle.js';
import type { NumberRecord, Order } from './state.js';

/** An inventory record as GET /numbers/inventory shows it (reference Op 11a, plus DataEnabled). */
export function inventoryRecord(r: NumberRecord): Record<string, unknown> {
  return {
    Number: r.Number,
    Tnid: r.Tnid,
    OrderId: r.OrderId,
    NumberType: r.NumberType,
    MessageEnabled: r.MessageEnabled,
    MessageType: r.MessageType,
    Classification: r.Classification,
    VoiceEnabled: r.VoiceEnabled,
    DataEnabled: r.DataEnabled,
    MessageRouteId: r.MessageRouteId,
    VoiceRouteId: r.VoiceRouteId,
    Status: r.Status,
    OriginalDatePurchased: r.OriginalDatePurchased,
    AssignedSubscriberId: r.AssignedSubscriberId,
    Iccid: r.Iccid,
    Cnam: r.Cnam,
    QrActivationLink: r.QrActivationLink,
    SwapsRemaining: r.SwapsRemaining,
    NextSwapResetDate: r.NextSwapResetDate,
    ProductType: r.ProductType,
    PortOutPin: r.PortOutPin,
  };
}

/** GET /numbers details: the inventory shape with the upper-case `TNID` key as well (Op 11b). */
export function numberDetails(r: NumberRecord): Record<string, unknown> {
  const { Number: number, Tnid, ...rest } = inventoryRecord(r);
  return { Number: number, TNID: Tnid, Tnid, ...rest };
}

/** GET /numbers/order body (Op 4 plus the INFERRED extras). */
export function orderView(order: Order, now: number): Record<string, unknown> {
  const step = currentStep(order, now);
  const view: Record<string, unknown> = {
    OrderDate: new Date(order.createdAt).toISOString(),
    OrderId: order.OrderId,
    OrderStatus: step.status,
    OrderStatusMessage: step.message,
    OrderType: order.type,
    PhoneNumbersOrdered: (order.numbers ?? [order.number]).map((n) => ({ Number: n })),
    PhoneNumberId: order.phoneNumberId,
    LastUpdated: new Date(step.at).toISOString(),
  };
  if (order.type === 'portin') view.PortInDate = order.portin?.PortInDate ?? null;
  return view;
}
