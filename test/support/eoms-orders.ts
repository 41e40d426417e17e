/** The `service.workorder.dispatch.v1` payload of a fault order as EOMS sends it: the suites' one standard order. */
export function faultOrder(orderNo: string) {
  return {
    orderNo,
    type: 'fault',
    title: 'No dial tone',
    description: 'Customer reports no dial tone since 08:00',
    priority: 'high',
    customer: { accountNo: 'ACC-1001', name: 'Li Lei', phone: '+86 138 0000 0000' },
    deadline: '2026-12-01T12:00:00Z',
    dispatchedAt: '2026-11-23T08:00:00Z',
  };
}
